package dev.overtime.platform.extensions;

/** The events an extension may subscribe to when it registers. */
public enum EventType { INVOKE, SHUTDOWN }
