// Runtime: nodejs20.x, Handler: index.handler. Streams its answer, ends the stream, then keeps
// working: the caller already has everything, and the environment takes no other event until the
// handler's promise settles. Deploys to AWS Lambda unchanged (Function URL in RESPONSE_STREAM mode).
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  responseStream.write('Answered; the slow part runs after this stream ends.\n');
  responseStream.end();
  const endedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`Work after the stream done ${Date.now() - endedAt} ms after it ended`);
});
