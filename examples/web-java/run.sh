#!/bin/sh
# The handler (Handler: run.sh): AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap runs it in the runtime's
# place, and the adapter forwards each event to the app over HTTP on PORT. The build copies this
# file and javalin-app.jar into examples/target/web-java/, the template's CodeUri.
exec java -XX:+UseSerialGC -jar "$(dirname "$0")/javalin-app.jar"
