/**
 * Web apps as functions: Overtime's web adapter ({@code dev.overtime.webadapter}, the
 * {@code web-adapter} module) hosted inside the platform, one per environment of a function that
 * uses the web adapter layer. It takes events from the environment's pool directly instead of
 * polling the Runtime API over loopback HTTP, so every environment's adapter shares the platform's
 * warm, compiled code rather than starting a JVM of its own.
 */
package dev.overtime.platform.webapp;
