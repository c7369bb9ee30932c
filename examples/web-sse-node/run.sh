#!/bin/sh
# The handler (Handler: run.sh): AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap runs it in the runtime's
# place, and the adapter forwards each event to the app over HTTP on PORT.
exec node "$(dirname "$0")/server.js"
