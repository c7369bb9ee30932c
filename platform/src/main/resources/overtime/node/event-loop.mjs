// Node emits 'beforeExit' once nothing is left to run: that is how AWS detects an empty event loop,
// and how callbackWaitsForEmptyEventLoop and never-settling handlers are implemented.
let listener = null;

export function watchEventLoop() {
  process.on('beforeExit', () => {
    const fn = listener;
    listener = null;
    fn?.();
  });
}

/** Runs `fn` the next time the event loop runs dry (replacing any earlier wish). */
export function whenEventLoopEmpty(fn) {
  listener = fn;
}

export function clearEventLoopEmpty() {
  listener = null;
}

export function eventLoopEmpty() {
  return new Promise((resolve) => whenEventLoopEmpty(resolve));
}
