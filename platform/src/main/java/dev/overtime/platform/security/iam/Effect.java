package dev.overtime.platform.security.iam;

public enum Effect { ALLOW, DENY }
