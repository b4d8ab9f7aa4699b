/**
 * The scope a user declares for a .p8 token key (Sandbox, Production or both; team-scoped or topic-specific), as the
 * developer portal shows it: a view model and its fields, shared by the Raw push and Doctor panels.
 */
package dev.pushflow.ui.keyscope;
