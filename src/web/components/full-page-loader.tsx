import { Center, Loader, VisuallyHidden } from "@mantine/core";
import { vi } from "../i18n/vi.ts";

export function FullPageLoader() {
  return (
    <Center h="60vh" role="status">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{vi.app.loading}</VisuallyHidden>
    </Center>
  );
}
