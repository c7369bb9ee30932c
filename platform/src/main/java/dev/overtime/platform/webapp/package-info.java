/**
 * Web apps as functions: Overtime's web adapter ({@code dev.overtime.webadapter}, the
 * {@code web-adapter} module) hosted inside the platform, one per environment of a function that
 * uses the web adapter layer. It takes events from the environment's pool directly instead of
 * polling the Runtime API over loopback HTTP, so every environment's adapter shares the platform's
 * warm, compiled code rather than starting a JVM of its own. The adapter's loops block on
 * the app's socket, so they run on threads of their own, never on a selector.
 */
package dev.overtime.platform.webapp;
