/**
 * No function or extension process outlives its platform: each leads its own process group, a
 * {@link dev.overtime.platform.processes.Watchdog} ends the groups when the platform's JVM dies, and
 * a record in the data folder lets the next start end what a platform and its watchdog both left.
 *
 * <pre>
 * [launch thread]  start (setsid) -> guard.watch(p): "+pgid" to the watchdog, pgid added to the record
 * [process reaper] p exited -> "-pgid": the watchdog SIGKILLs the rest of the group; pgid leaves the record
 * [platform dies]  the kernel closes the watchdog's stdin -> it SIGKILLs every group still listed, exits
 * [next start]     records of platforms no longer running -> groups whose leader is the recorded process
 *                  are SIGKILLed -> records removed
 * [close]          environments stopped first; then the watchdog reads end of file, the record is removed
 * </pre>
 */
package dev.overtime.platform.processes;
