package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * {@link Hello} with a bean in and a bean out, the shape of most Java handlers on Lambda: AWS's
 * Jackson-based serializer converts both, which is what makes its cold start slow without a
 * class-data archive.
 */
public class HelloBean implements RequestHandler<HelloBean.Person, HelloBean.Greeting> {

    @Override
    public Greeting handleRequest(Person input, Context context) {
        String who = input == null || input.getName() == null ? "world" : input.getName();
        context.getLogger().log("HelloBean invoked for " + who + " (request " + context.getAwsRequestId() + ")");
        Greeting greeting = new Greeting();
        greeting.setMessage("Hello, " + who + "!");
        greeting.setRequestId(context.getAwsRequestId());
        return greeting;
    }

    /** The event: {@code {"name": "Ada"}}. */
    public static class Person {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** The answer: {@code {"message": "Hello, Ada!", "requestId": "..."}}. */
    public static class Greeting {
        private String message;
        private String requestId;

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getRequestId() {
            return requestId;
        }

        public void setRequestId(String requestId) {
            this.requestId = requestId;
        }
    }
}
