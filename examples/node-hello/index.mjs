// Runtime: nodejs20.x, Handler: index.handler. Deploys to AWS Lambda unchanged.
export const handler = async (event, context) => {
  const name = event?.pathParameters?.name || event?.name || 'world';
  console.log(`Greeting ${name}`);
  return { message: `Hello from Node, ${name}!`, requestId: context.awsRequestId };
};
