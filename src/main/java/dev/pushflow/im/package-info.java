/** The IM world: app build settings, users, groups, messages and their offlinePushInfo, app states. */
package dev.pushflow.im;
