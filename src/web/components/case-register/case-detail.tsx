import { Anchor, Badge, Button, Group, Paper, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { LoadingBlock } from "../loading-block.tsx";
import { RecordQueryError } from "../record-query-error.tsx";
import { CaseTimelinessBadge, type CaseTimeliness } from "./case-timeliness.tsx";

/** A case's page: loading and error states, the way back to the register, then the case. */
export function CaseDetailFrame<T>({
  query,
  backTo,
  backLabel,
  children,
}: {
  query: UseQueryResult<T>;
  backTo: string;
  backLabel: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <RecordQueryError
        error={query.error}
        onRetry={() => void query.refetch()}
        backTo={backTo}
        backLabel={backLabel}
      />
    );
  }
  return (
    <>
      <Anchor component={Link} to={backTo} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden="true" />
          {backLabel}
        </Group>
      </Anchor>
      {children(query.data)}
    </>
  );
}

/**
 * The page of one case at its address (`:id`): the case read with `fetch` under `keyOf(id)`, in
 * the frame that leads back to the register (`back`), shown by `View`.
 */
export function caseDetailPage<T>(
  keyOf: (id: string) => QueryKey,
  fetch: (id: string) => Promise<T>,
  View: (props: { data: T }) => ReactNode,
  back: { to: string; label: string },
) {
  return function CaseDetailPage() {
    const { id = "" } = useParams();
    const query = useQuery({ queryKey: keyOf(id), queryFn: () => fetch(id) });
    return (
      <CaseDetailFrame query={query} backTo={back.to} backLabel={back.label}>
        {(data) => <View data={data} />}
      </CaseDetailFrame>
    );
  };
}

/** The case's state and on-time class, and whatever else the register marks it with. */
export function CaseStateBadges({
  stateLabel,
  timeliness,
  timelinessLabel,
  children,
}: {
  stateLabel: string;
  timeliness: CaseTimeliness | null;
  timelinessLabel: string | null;
  children?: ReactNode;
}) {
  return (
    <Group mb="md" gap="xs">
      <Badge size="lg" variant="filled">
        {stateLabel}
      </Badge>
      <CaseTimelinessBadge size="lg" timeliness={timeliness} label={timelinessLabel} />
      {children}
    </Group>
  );
}

/** The steps a case may take next, as buttons; the ones that end it early are quieter. */
export function CaseActions<A extends string>({
  title,
  actions,
  labels,
  quiet,
  onAction,
  children,
}: {
  title: string;
  actions: readonly A[];
  labels: Record<A, string>;
  quiet: readonly A[];
  onAction: (action: A) => void;
  /** The register's own buttons after the steps (e.g. the apology letter). */
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" mb="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Group gap="sm">
        {actions.map((action) => (
          <Button
            key={action}
            variant={quiet.includes(action) ? "default" : "filled"}
            onClick={() => onAction(action)}
          >
            {labels[action]}
          </Button>
        ))}
        {children}
      </Group>
    </Paper>
  );
}
