#!/bin/bash
# Started by the adapter layer's bootstrap (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap, or /opt/bootstrap itself on
# provided.al2023). The app listens on $PORT.
exec node server.js
