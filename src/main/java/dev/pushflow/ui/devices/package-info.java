/** Panel 2, Devices & login: the simulated iPhones, login/logout, app state, push on/off, builds, activity. */
package dev.pushflow.ui.devices;
