import { Alert, Button, Group } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "../../../api/client.ts";
import { verifyAuditChain } from "../../../api/audit.api.ts";
import { vi } from "../../../i18n/vi.ts";

/** "Kiểm tra chuỗi": recompute the hash chain on the server and show the verdict. */
export function AuditVerify() {
  const verify = useMutation({ mutationFn: verifyAuditChain });
  return (
    <Group gap="sm" mb="md" align="center">
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={16} aria-hidden="true" />}
        onClick={() => verify.mutate()}
        loading={verify.isPending}
      >
        {vi.audit.verify}
      </Button>
      {verify.isSuccess && (
        <Alert
          color={verify.data.ok ? "green" : "red"}
          variant="light"
          py={6}
          role={verify.data.ok ? "status" : "alert"}
          data-testid="audit-verify-result"
        >
          {verify.data.ok
            ? vi.audit.verifyOk(verify.data.checked)
            : vi.audit.verifyBroken(verify.data.firstBrokenId, verify.data.checked)}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(verify.error)}
        </Alert>
      )}
    </Group>
  );
}
