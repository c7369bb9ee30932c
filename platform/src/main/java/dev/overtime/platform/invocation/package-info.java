/**
 * The invocation lifecycle shared by every door: one {@link dev.overtime.platform.invocation.Invocation}
 * per request, its {@link dev.overtime.platform.invocation.InvocationState} machine, and the outcomes
 * doors render in their own wire format.
 *
 * <pre>
 * [door thread]         accept -> pool.submit(inv) -> return; later outcome() completes the HTTP response
 * [runtime /next]       worker parks; pool hands it inv -> DISPATCHED, event written to the runtime
 * [runtime /response]   inv.complete(Response) -> caller answered on this thread
 * [runtime /next]       inv.settle(...) -> environment free; worker parks again
 * [timer / exit watch]  inv.complete(Failure) if nothing else did first; environment killed
 * </pre>
 */
package dev.overtime.platform.invocation;
