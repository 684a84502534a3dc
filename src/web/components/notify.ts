import { notifications } from "@mantine/notifications";
import { errorMessage } from "../api/client.ts";
import { vi } from "../i18n/vi.ts";

export function notifySuccess(message: string): void {
  notifications.show({ title: vi.common.savedTitle, message, color: "green", autoClose: 4000 });
}

/** Show the server's Vietnamese error message. */
export function notifyError(error: unknown): void {
  notifications.show({
    title: vi.common.errorTitle,
    message: errorMessage(error),
    color: "red",
    autoClose: 8000,
  });
}
