/**
 * API Gateway mapping templates (VTL) for REST APIs' non-proxy integrations: {@link
 * dev.overtime.platform.apigateway.mapping.MappingTemplates#render} turns a template and one request into the
 * integration request body (or, for a response template, the method response body) and the overrides the template
 * set.
 *
 * <h2>What templates see</h2>
 * <ul>
 *   <li>{@code $input.body}, {@code $input.json(x)}, {@code $input.path(x)}, {@code $input.params()},
 *       {@code $input.params(x)} ({@link dev.overtime.platform.apigateway.mapping.TemplateInput}). JSONPath is
 *       Jayway's, over a Jackson tree parsed at most once per render.</li>
 *   <li>{@code $util.escapeJavaScript}, {@code parseJson}, {@code urlEncode}, {@code urlDecode},
 *       {@code base64Encode}, {@code base64Decode}
 *       ({@link dev.overtime.platform.apigateway.mapping.TemplateUtil}).</li>
 *   <li>{@code $context}: the caller's values, with {@code authorizer} values shown as strings as API Gateway shows
 *       them, and the write-once overrides {@code requestOverride.header|querystring|path.X} and
 *       {@code responseOverride.status|header.X}.</li>
 *   <li>{@code $stageVariables}.</li>
 * </ul>
 *
 * <h2>Choices where AWS's documentation is silent</h2>
 * <ul>
 *   <li>A payload that opens an object, an array or a string (<code>&#123;</code>, <code>[</code>, <code>"</code>)
 *       but is not valid JSON fails
 *       {@code $input.json}/{@code $input.path} with {@link
 *       dev.overtime.platform.apigateway.mapping.MappingException.Kind#INVALID_PAYLOAD}; API Gateway answers
 *       400 {@code Could not process payload}. Other non-JSON text is read as one JSON string ({@code a=b} gives
 *       {@code "a=b"}) and an empty payload as <code>&#123;&#125;</code>, as AWS's permissive parser does. {@code $input.body}
 *       always works.</li>
 *   <li>A JSONPath that selects nothing gives null to {@code $input.path} (rendered as nothing) and {@code null}
 *       from {@code $input.json}; an indefinite path gives an empty list, {@code []}.</li>
 *   <li>A null reference renders as an empty string (plain Velocity would print the reference's text).</li>
 *   <li>Objects from {@code $input.path} print as Java maps ({@code {a=1}}) and arrays as JSON ({@code [1,2]}), the
 *       mix API Gateway shows.</li>
 *   <li>Parameters with several values show the last one; header names match in any case.</li>
 *   <li>Setting an override a second time (header names in any case) fails with
 *       {@link dev.overtime.platform.apigateway.mapping.MappingException.Kind#OVERRIDE_REPEATED}; AWS answers 5XX.
 *       A template may set other {@code $context} keys for its own use; the override objects cannot be
 *       replaced.</li>
 *   <li>Velocity is 2.4 configured as 1.7: {@code -} in identifiers, so
 *       {@code #set($context.requestOverride.header.X-Amz-Invocation-Type = "Event")} parses as AWS's
 *       documentation writes it (with the side effect, as in 1.7, that {@code $a-$b} reads {@code $a-} then
 *       {@code $b}); 1.x whitespace gobbling; {@code #if} false only for null and false. {@code ==} between values
 *       of different classes compares their text, so {@code "true" == true} holds while
 *       {@code "true".equals(true)} does not.</li>
 * </ul>
 *
 * <h2>Concurrency</h2>
 * One {@code MappingTemplates} serves every API and thread. Parsed templates are immutable and shared; each render
 * has its own {@code $input}, {@code $context} and Velocity context, so overrides never leak between requests.
 */
package dev.overtime.platform.apigateway.mapping;
