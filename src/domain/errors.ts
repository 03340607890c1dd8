/** One rule broken by one field of an input; `path` names the field as the API does
 * (`speaker.name`, `status`). */
export interface FieldError {
  path: string;
  message: string;
}
