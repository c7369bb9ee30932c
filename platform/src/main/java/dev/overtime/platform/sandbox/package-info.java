/**
 * {@code serve --sandbox}: each environment in namespaces of its own, with {@code MemorySize} as a hard limit.
 *
 * <pre>
 * [launch thread]    Sandboxes.enclose --spawns--> [overtime-sandbox] unshare(NEWNET), lo up, keep fd; ends
 *                    tmpfs /tmp, memory cgroup (or RssWatch)
 * [launch thread]    door.bind --> openServerSocket --spawns--> [overtime-sandbox] setns(fd), socket(); ends
 *                    channel bound to 127.0.0.1:P in the namespace, accepted by the public selectors
 * [launch thread]    each process: sh (joins cgroup) -> nsenter (netns) -> setsid -> bwrap -> command
 * [process reaper]   exit -> Environment.exited -> asks outOfMemory() -> Runtime.OutOfMemory or ExitError
 * [extensions done]  EnvironmentSandbox.close: netns fd, host port reservations, umount /tmp, cgroup removal
 *                    (on a virtual thread, once the processes have left)
 * [overtime-memory-watch]  RssWatch only: every 50 ms, sum resident memory, SIGKILL past the limit
 * </pre>
 *
 * A thread that entered a namespace never starts a process or outlives its one task: threads it started would
 * stay in the namespace.
 */
package dev.overtime.platform.sandbox;
