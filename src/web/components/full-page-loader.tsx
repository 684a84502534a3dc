import { Center, Loader } from "@mantine/core";
import { vi } from "../i18n/vi.ts";

export function FullPageLoader() {
  return (
    <Center h="60vh" role="status" aria-live="polite">
      <Loader aria-label={vi.app.loading} />
    </Center>
  );
}
