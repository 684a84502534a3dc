import { Center, Loader, VisuallyHidden } from "@mantine/core";
import { vi } from "../i18n/vi.ts";

export function LoadingBlock() {
  return (
    <Center py="xl" role="status">
      <Loader size="sm" aria-hidden="true" />
      <VisuallyHidden>{vi.app.loading}</VisuallyHidden>
    </Center>
  );
}
