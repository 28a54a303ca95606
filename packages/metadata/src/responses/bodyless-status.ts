/**
 * Whether a response with this status never carries content (RFC 9110): 1xx, 204 No
 * Content, 205 Reset Content ("a server MUST NOT generate content") and 304 Not Modified.
 * The same set as FastAPI's `is_body_allowed_for_status_code`; the adapter sends no body
 * for them and the OpenAPI document gives them no content.
 * @example
 * isBodylessStatus(204); // true
 * isBodylessStatus(200); // false
 */
export function isBodylessStatus(status: number): boolean {
  return status < 200 || status === 204 || status === 205 || status === 304;
}
