import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../../api/client.ts";
import {
  getChildren,
  getIdentity,
  getParent,
  registerChild,
  revokeChild,
  setParent,
} from "../../../api/federation.api.ts";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { notifyError, notifySuccess } from "../../../components/notify.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";

const KEY = ["federation"];

function IdentitySection() {
  const identity = useQuery({ queryKey: [...KEY, "identity"], queryFn: getIdentity });
  if (identity.isPending) return <LoadingBlock />;
  if (identity.isError) return <QueryError error={identity.error} />;
  const data = identity.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Định danh của hệ thống này
        </Title>
        {!data.enabled ? (
          <Alert color="yellow" variant="light" role="status" data-testid="federation-disabled">
            {data.reason}
          </Alert>
        ) : (
          <>
            <Text size="sm">
              Trao mã định danh và khóa công khai dưới đây cho quản trị hệ thống cấp trên (hoặc cấp
              dưới) qua kênh tin cậy (văn bản, điện thoại xác nhận); không bao giờ cần trao khóa bí
              mật.
            </Text>
            <Text size="sm">
              Mã định danh: <Code data-testid="federation-instance-id">{data.instanceId}</Code>
            </Text>
            <Text size="sm">Khóa công khai (Ed25519):</Text>
            <Code block data-testid="federation-public-key">
              {data.publicKey}
            </Code>
            <Text size="xs" c="dimmed">
              Tạo lúc {formatDateTime(data.createdAt)}.
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ChildrenSection() {
  const client = useQueryClient();
  const children = useQuery({ queryKey: [...KEY, "children"], queryFn: getChildren });
  const [form, setForm] = useState({ name: "", instanceId: "", publicKey: "", unitId: "" });
  const refresh = () => client.invalidateQueries({ queryKey: [...KEY, "children"] });
  const register = useMutation({
    mutationFn: () => registerChild(form),
    onSuccess: async () => {
      notifySuccess("Đã đăng ký hệ thống cấp dưới.");
      setForm({ name: "", instanceId: "", publicKey: "", unitId: "" });
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: revokeChild,
    onSuccess: async () => {
      notifySuccess("Đã thu hồi quyền liên thông.");
      await refresh();
    },
    onError: notifyError,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Hệ thống cấp dưới gửi báo cáo lên
        </Title>
        {children.isError && <QueryError error={children.error} />}
        <TableScroll label="Hệ thống cấp dưới">
          <Table striped data-testid="federation-children">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tên</Table.Th>
                <Table.Th>Đơn vị đại diện</Table.Th>
                <Table.Th>Mã định danh</Table.Th>
                <Table.Th>Đăng ký ngày</Table.Th>
                <Table.Th>Tình trạng</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {children.data?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>Chưa đăng ký hệ thống cấp dưới nào.</Table.Td>
                </Table.Tr>
              )}
              {children.data?.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>
                    {c.unit.name} ({c.unit.code})
                  </Table.Td>
                  <Table.Td>
                    <Code>{c.instanceId}</Code>
                  </Table.Td>
                  <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                  <Table.Td>
                    {c.revokedAt ? (
                      <Badge color="red" variant="light">
                        Đã thu hồi {formatDate(c.revokedAt)}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        Đang liên thông
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!c.revokedAt && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        loading={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Thu hồi quyền liên thông của “${c.name}”?`))
                            revoke.mutate(c.id);
                        }}
                      >
                        Thu hồi
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Đăng ký hệ thống cấp dưới
            </Title>
            <Group grow align="flex-start">
              <TextInput
                label="Tên hệ thống"
                required
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              />
              <UnitSelect
                label="Đơn vị mà hệ thống đại diện"
                required
                value={form.unitId || null}
                onChange={(value) => setForm({ ...form, unitId: value ?? "" })}
              />
            </Group>
            <TextInput
              label="Mã định danh của hệ thống cấp dưới"
              required
              value={form.instanceId}
              onChange={(e) => setForm({ ...form, instanceId: e.currentTarget.value.trim() })}
            />
            <Textarea
              label="Khóa công khai của hệ thống cấp dưới"
              required
              autosize
              minRows={2}
              value={form.publicKey}
              onChange={(e) => setForm({ ...form, publicKey: e.currentTarget.value })}
            />
            {register.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(register.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={register.isPending}>
                Đăng ký
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function ParentSection() {
  const client = useQueryClient();
  const parent = useQuery({ queryKey: [...KEY, "parent"], queryFn: getParent });
  const [form, setForm] = useState({ url: "", instanceId: "", publicKey: "" });
  const save = useMutation({
    mutationFn: () => setParent(form),
    onSuccess: async () => {
      notifySuccess("Đã lưu hệ thống cấp trên.");
      setForm({ url: "", instanceId: "", publicKey: "" });
      await client.invalidateQueries({ queryKey: [...KEY, "parent"] });
    },
  });
  const current = parent.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Hệ thống cấp trên nhận báo cáo
        </Title>
        {parent.isError && <QueryError error={parent.error} />}
        {current ? (
          <Stack gap={4} data-testid="federation-parent">
            <Text size="sm">
              Địa chỉ: <Code>{current.url}</Code>
            </Text>
            <Text size="sm">
              Mã định danh: <Code>{current.instanceId}</Code>
            </Text>
            <Text size="xs" c="dimmed">
              Cập nhật lúc {formatDateTime(current.updatedAt)}.
            </Text>
          </Stack>
        ) : (
          parent.isSuccess && <Text size="sm">Chưa khai báo hệ thống cấp trên.</Text>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="xs">
            <TextInput
              label="Địa chỉ hệ thống cấp trên"
              placeholder="https://cchc.tinh.gov.vn"
              required
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.currentTarget.value.trim() })}
            />
            <TextInput
              label="Mã định danh của hệ thống cấp trên"
              required
              value={form.instanceId}
              onChange={(e) => setForm({ ...form, instanceId: e.currentTarget.value.trim() })}
            />
            <Textarea
              label="Khóa công khai của hệ thống cấp trên"
              required
              autosize
              minRows={2}
              value={form.publicKey}
              onChange={(e) => setForm({ ...form, publicKey: e.currentTarget.value })}
            />
            {save.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(save.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {current ? "Thay hệ thống cấp trên" : "Lưu hệ thống cấp trên"}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** Liên thông: this installation's identity, the children it receives from, its parent. */
export function FederationPage() {
  return (
    <>
      <PageHeader
        title="Liên thông giữa các hệ thống CCHC"
        description="Xã/phường chạy hệ thống CCHC riêng gửi báo cáo đã chốt lên hệ thống của cấp trên, có chữ ký số Ed25519; cấp trên tổng hợp như báo cáo gửi tại chỗ."
      />
      <Stack gap="md">
        <IdentitySection />
        <ParentSection />
        <ChildrenSection />
      </Stack>
    </>
  );
}
