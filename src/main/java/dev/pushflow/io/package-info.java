/**
 * Reading what a user hands PushFlow (files, standard input) with a size bound, strict UTF-8 and messages that name
 * the file, what is wrong and the fix: never "Input length = 1", never out of memory on {@code /dev/zero}.
 */
package dev.pushflow.io;
