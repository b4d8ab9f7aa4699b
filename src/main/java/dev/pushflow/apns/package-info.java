/** Apple's vocabulary shared by every other package: environments, push types, tokens, rejection reasons. */
package dev.pushflow.apns;
