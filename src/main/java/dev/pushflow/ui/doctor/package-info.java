/** Panel 8, Doctor: the BadDeviceToken doctor, step by step, with the consented environment probe. */
package dev.pushflow.ui.doctor;
