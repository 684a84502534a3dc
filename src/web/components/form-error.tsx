import { Alert, List } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { ApiError, errorMessage } from "../api/client.ts";
import { vi } from "../i18n/vi.ts";

/** Put the server's per-field messages (`details[].path`) on the matching form fields. */
export function applyServerErrors<T>(form: UseFormReturnType<T>, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  const fieldErrors: Record<string, string> = {};
  for (const detail of error.details) {
    if (detail.path && detail.row === undefined) fieldErrors[detail.path] = detail.message;
  }
  if (Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
}

/** The server's Vietnamese error, inline in a form, with any per-field details listed. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.details.filter((d) => d.row === undefined) : [];
  return (
    <Alert color="red" variant="light" role="alert" title={vi.common.errorTitle}>
      {errorMessage(error)}
      {details.length > 0 && (
        <List size="sm" mt="xs">
          {details.map((detail, index) => (
            <List.Item key={`${detail.path ?? ""}-${index}`}>{detail.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
