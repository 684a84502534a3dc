import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Fieldset,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  type ComboboxItem,
  type ComboboxParsedItem,
  type OptionsFilter,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconDeviceFloppy,
  IconFolderPlus,
  IconPencil,
  IconPlus,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import {
  RULE_TYPES,
  RULE_TYPE_LABELS,
  ZERO_DENOMINATOR_POLICIES,
  ZERO_DENOMINATOR_POLICY_LABELS,
  addCriterion,
  addGroup,
  canMove,
  descendantCount,
  documentFromEditable,
  editableFromCriteria,
  editableFromDocument,
  editableLeaves,
  groupPoints,
  isGroup,
  locateIssues,
  moveNode,
  nextVersion,
  nodeAt,
  nodePathOf,
  removeNode,
  renameNode,
  scalePoints,
  updateNode,
  type CriteriaEdit,
  type EditableMethodology,
  type EditableNode,
  type EditableRule,
  type EditorIssue,
  type RuleType,
  type ZeroDenominatorPolicy,
} from "../../../core/methodology/index.ts";
import { metricOptions, type MetricOrigin } from "../../../core/scorecard/index.ts";
import { matchesSearch } from "../../../core/text/vietnamese-text.ts";
import { ApiError, errorMessage } from "../../api/client.ts";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { QueryError } from "../../components/query-error.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { ConfirmModal } from "../plans/confirm-modal.tsx";
import { methodologyPaths } from "./methodology-paths.ts";
import {
  getMethodologyDocument,
  importMethodologyDocument,
  methodologyKeys,
  type MethodologyDetail,
} from "./methodology.api.ts";
import { viMethodology } from "./vi-methodology.ts";

const t = viMethodology.rules;

/** What a NumberInput with a decimal comma hands over: a number, "" or an unfinished text. */
/** A copy of `list` with the item at `index` changed by `patch`. */
function patchAt<T>(list: T[], index: number, patch: (item: T) => Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch(item) } : item));
}

function numberValue(value: number | string, previous: number | null): number | null {
  if (typeof value === "number") return value;
  if (value.trim() === "") return null;
  const parsed = Number(value.replace(",", "."));
  return Number.isFinite(parsed) ? parsed : previous;
}

const decimal = { decimalSeparator: ",", hideControls: true } as const;

const METRIC_ORIGINS: MetricOrigin[] = ["kpi", "manual", "scorecard"];

const metricData = (() => {
  const options = metricOptions();
  return METRIC_ORIGINS.map((origin) => ({
    group: t.metricGroups[origin],
    items: options
      .filter((option) => option.origin === origin)
      .map((option) => ({ value: option.code, label: `${option.label} (${option.code})` })),
  }));
})();

/** Search ignoring case, diacritics and tone placement ("hoà" finds "hòa"). */
const vietnameseFilter: OptionsFilter = ({ options, search }) => {
  const keep = (item: ComboboxItem) => matchesSearch(item.label, search);
  return options
    .map((option): ComboboxParsedItem =>
      "group" in option ? { ...option, items: option.items.filter(keep) } : option,
    )
    .filter((option) => ("group" in option ? option.items.length > 0 : keep(option)));
};

const ruleData = RULE_TYPES.map((type) => ({ value: type, label: RULE_TYPE_LABELS[type] }));
const policyData = ZERO_DENOMINATOR_POLICIES.map((policy) => ({
  value: policy,
  label: ZERO_DENOMINATOR_POLICY_LABELS[policy],
}));

/** A newly chosen rule starts from sensible parameters the user then adjusts. */
function withType(rule: EditableRule, type: RuleType | null, max: number | null): EditableRule {
  const next = { ...rule, type };
  if (type === "steps" && rule.steps.length === 0) {
    next.steps = [
      { minPercent: 100, points: max },
      { minPercent: 0, points: 0 },
    ];
  }
  if (type === "manual" && rule.levels.length === 0) {
    next.levels = [
      { label: t.defaultLevels.pass, points: max },
      { label: t.defaultLevels.fail, points: 0 },
    ];
  }
  return next;
}

/** The criteria tree's own changes (add, remove, rename, move), applied by the form. */
interface TreeActions {
  model: EditableMethodology;
  /** The code of the node whose rename form is open. */
  renaming: string | null;
  startRename: (code: string | null) => void;
  rename: (indexes: number[], wanted: { code: string; name: string }) => CriteriaEdit;
  remove: (indexes: number[], node: EditableNode) => void;
  move: (indexes: number[], offset: -1 | 1) => void;
  add: (indexes: number[], group: boolean) => void;
}

interface NodeProps {
  node: EditableNode;
  indexes: number[];
  issues: readonly EditorIssue[];
  onChange: (indexes: number[], update: (node: EditableNode) => EditableNode) => void;
  tree: TreeActions;
}

/** Rename, up, down, remove: the buttons each node of the tree carries. */
function NodeToolbar({ node, indexes, tree }: Pick<NodeProps, "node" | "indexes" | "tree">) {
  const code = node.code;
  const button = { size: "compact-sm", variant: "subtle" } as const;
  return (
    <Group gap={4} wrap="wrap">
      <Button
        {...button}
        leftSection={<IconPencil size={14} aria-hidden="true" />}
        aria-label={t.renameOf(code)}
        onClick={() => tree.startRename(code)}
      >
        {t.rename}
      </Button>
      <Button
        {...button}
        leftSection={<IconArrowUp size={14} aria-hidden="true" />}
        aria-label={t.upOf(code)}
        disabled={!canMove(tree.model, indexes, -1)}
        onClick={() => tree.move(indexes, -1)}
      >
        {t.up}
      </Button>
      <Button
        {...button}
        leftSection={<IconArrowDown size={14} aria-hidden="true" />}
        aria-label={t.downOf(code)}
        disabled={!canMove(tree.model, indexes, 1)}
        onClick={() => tree.move(indexes, 1)}
      >
        {t.down}
      </Button>
      <Button
        {...button}
        color="red"
        leftSection={<IconTrash size={14} aria-hidden="true" />}
        aria-label={t.removeOf(code)}
        onClick={() => tree.remove(indexes, node)}
      >
        {t.remove}
      </Button>
    </Group>
  );
}

/** Code and name of a node, checked by the core (unique codes) before anything changes. */
function RenameForm({ node, indexes, tree }: Pick<NodeProps, "node" | "indexes" | "tree">) {
  const [code, setCode] = useState(node.code);
  const [name, setName] = useState(node.name);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const errorOf = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <Box
      component="form"
      p="xs"
      mb="xs"
      bg="gray.0"
      style={{ borderRadius: "var(--mantine-radius-sm)" }}
      onSubmit={(event) => {
        event.preventDefault();
        const edit = tree.rename(indexes, { code, name });
        if (!edit.ok) setError({ field: edit.field, message: edit.message });
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          size="sm"
          label={t.codeLabel}
          aria-label={t.codeOf(node.code)}
          value={code}
          error={errorOf("code")}
          autoFocus
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <TextInput
          size="sm"
          label={t.nameLabel}
          aria-label={t.nameOf(node.code)}
          value={name}
          error={errorOf("name") ?? errorOf("parent")}
          onChange={(event) => setName(event.currentTarget.value)}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t.renameHint}
      </Text>
      <Group gap="xs" mt="xs">
        <Button size="xs" type="submit">
          {t.saveName}
        </Button>
        <Button size="xs" variant="default" onClick={() => tree.startRename(null)}>
          {t.cancelName}
        </Button>
      </Group>
    </Box>
  );
}

/** The toolbar, or the rename form while it is open for this node. */
function NodeTools(props: Pick<NodeProps, "node" | "indexes" | "tree">) {
  return props.tree.renaming === props.node.code ? (
    <RenameForm {...props} />
  ) : (
    <NodeToolbar {...props} />
  );
}

function IssueList({ issues }: { issues: readonly EditorIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <List size="sm" c="red.8" mt="xs" spacing={2}>
      {issues.map((issue, index) => (
        <List.Item key={index}>{issue.message}</List.Item>
      ))}
    </List>
  );
}

function LeafEditor({ node, indexes, issues, onChange, tree }: NodeProps) {
  const code = node.code;
  const has = (field: string) => issues.some((i) => i.field === field);
  const hasUnder = (field: string) =>
    issues.some((i) => i.field === field || i.field.startsWith(`${field}.`));
  const set = (patch: Partial<EditableNode>) => onChange(indexes, (n) => ({ ...n, ...patch }));
  const setRule = (patch: Partial<EditableRule>) =>
    onChange(indexes, (n) => ({ ...n, rule: { ...n.rule, ...patch } }));
  const rule = node.rule;
  return (
    <Fieldset
      legend={`${code} ${node.name}`}
      variant="default"
      style={issues.length > 0 ? { borderColor: "var(--mantine-color-red-6)" } : undefined}
    >
      <Box mb="xs">
        <NodeTools node={node} indexes={indexes} tree={tree} />
      </Box>
      {rule.type === null && (
        <Badge color="gray" variant="light" mb="xs">
          {t.noRule}
        </Badge>
      )}
      {node.note && (
        <Text size="xs" c="dimmed" mb="xs">
          {node.note}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select
          label={t.rule}
          aria-label={t.ruleOf(code)}
          placeholder={t.rulePlaceholder}
          data={ruleData}
          value={rule.type}
          error={has("") || has("rule") || has("rule.type")}
          onChange={(value) =>
            set({ rule: withType(rule, (value as RuleType | null) ?? null, node.maxPoints) })
          }
          allowDeselect={false}
        />
        <NumberInput
          label={t.maxPoints}
          aria-label={t.maxOf(code)}
          {...decimal}
          min={0}
          value={node.maxPoints ?? ""}
          error={has("maxPoints")}
          onChange={(value) => set({ maxPoints: numberValue(value, node.maxPoints) })}
        />
        <Select
          label={t.metric}
          aria-label={t.metricOf(code)}
          placeholder={t.metricPlaceholder(code)}
          data={metricData}
          value={node.metric}
          searchable
          clearable
          filter={vietnameseFilter}
          nothingFoundMessage={t.metricNothing}
          error={has("metric") || has("code")}
          onChange={(value) => set({ metric: value })}
        />
        <Select
          label={t.policy}
          aria-label={t.policyOf(code)}
          placeholder={t.policyPlaceholder}
          data={policyData}
          value={node.zeroDenominator}
          error={has("zeroDenominator")}
          onChange={(value) =>
            set({ zeroDenominator: (value as ZeroDenominatorPolicy | null) ?? null })
          }
        />
      </SimpleGrid>
      {(rule.type === "ratio" || rule.type === "threshold" || rule.type === "steps") && (
        <TextInput
          mt="sm"
          maw={420}
          label={t.unit}
          aria-label={t.unitOf(code)}
          placeholder={t.unitPlaceholder}
          value={node.unit}
          error={has("unit")}
          onChange={(event) => set({ unit: event.currentTarget.value })}
        />
      )}
      {rule.type === "threshold" && (
        <NumberInput
          mt="sm"
          maw={240}
          label={t.threshold}
          aria-label={t.thresholdOf(code)}
          description={t.thresholdHint}
          {...decimal}
          min={0}
          max={100}
          value={rule.thresholdPercent ?? ""}
          error={hasUnder("rule.threshold")}
          onChange={(value) =>
            setRule({ thresholdPercent: numberValue(value, rule.thresholdPercent) })
          }
        />
      )}
      {rule.type === "steps" && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={500}>
            {t.stepsTitle}
          </Text>
          {rule.steps.map((step, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
              <NumberInput
                w={120}
                label={index === 0 ? t.stepText : undefined}
                aria-label={t.stepFrom(code, index + 1)}
                {...decimal}
                min={0}
                max={100}
                value={step.minPercent ?? ""}
                error={hasUnder(`rule.steps.${index}.minRatio`)}
                onChange={(value) =>
                  setRule({
                    steps: patchAt(rule.steps, index, (s) => ({
                      minPercent: numberValue(value, s.minPercent),
                    })),
                  })
                }
              />
              <NumberInput
                w={120}
                label={index === 0 ? t.pointsText : undefined}
                aria-label={t.stepPoints(code, index + 1)}
                {...decimal}
                min={0}
                value={step.points ?? ""}
                error={hasUnder(`rule.steps.${index}.points`)}
                onChange={(value) =>
                  setRule({
                    steps: patchAt(rule.steps, index, (s) => ({
                      points: numberValue(value, s.points),
                    })),
                  })
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t.removeStep(index + 1)}
                onClick={() => setRule({ steps: rule.steps.filter((_, i) => i !== index) })}
                mb={4}
              >
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          ))}
          <div>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              onClick={() =>
                setRule({ steps: [...rule.steps, { minPercent: null, points: null }] })
              }
            >
              {t.addStep}
            </Button>
          </div>
        </Stack>
      )}
      {rule.type === "manual" && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={500}>
            {t.levelsTitle}
          </Text>
          {rule.levels.map((level, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                flex={1}
                maw={420}
                aria-label={t.levelLabel(code, index + 1)}
                value={level.label}
                error={hasUnder(`rule.levels.${index}.label`)}
                onChange={(event) => {
                  const label = event.currentTarget.value;
                  setRule({
                    levels: patchAt(rule.levels, index, () => ({ label })),
                  });
                }}
              />
              <NumberInput
                w={110}
                aria-label={t.levelPoints(code, index + 1)}
                {...decimal}
                min={0}
                value={level.points ?? ""}
                error={hasUnder(`rule.levels.${index}.points`)}
                onChange={(value) =>
                  setRule({
                    levels: patchAt(rule.levels, index, (l) => ({
                      points: numberValue(value, l.points),
                    })),
                  })
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t.removeLevel(index + 1)}
                onClick={() => setRule({ levels: rule.levels.filter((_, i) => i !== index) })}
                mb={4}
              >
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          ))}
          <div>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              onClick={() => setRule({ levels: [...rule.levels, { label: "", points: null }] })}
            >
              {t.addLevel}
            </Button>
          </div>
        </Stack>
      )}
      {(rule.type === "bonus" || rule.type === "penalty") && (
        <Text size="xs" c="dimmed" mt="xs">
          {t.extraHint}
        </Text>
      )}
      <IssueList issues={issues} />
    </Fieldset>
  );
}

function NodeEditor(props: NodeProps & { allIssues: readonly EditorIssue[] }) {
  const { node, indexes, allIssues, onChange, tree } = props;
  if (!isGroup(node)) return <LeafEditor {...props} />;
  const points = groupPoints(node);
  // The live sum problem is the schema's own; the server's copy of it is not repeated.
  const own = allIssues.filter(
    (i) => i.nodePath === nodePathOf(indexes) && i.message !== points.problem,
  );
  const sumIssue = points.problem !== null || own.some((i) => i.field === "maxPoints");
  return (
    <Box
      pl={indexes.length > 1 ? "md" : 0}
      style={
        indexes.length > 1 ? { borderLeft: "2px solid var(--mantine-color-gray-3)" } : undefined
      }
    >
      <Group gap="sm" mb="xs" wrap="nowrap" align="flex-end">
        <Text fw={indexes.length === 1 ? 700 : 600} flex={1} style={{ minWidth: 0 }}>
          {node.code} {node.name}
        </Text>
        <NumberInput
          w={110}
          size="xs"
          label={t.maxPoints}
          aria-label={t.maxOf(node.code)}
          {...decimal}
          min={0}
          value={node.maxPoints ?? ""}
          error={sumIssue}
          onChange={(value) =>
            onChange(indexes, (n) => ({ ...n, maxPoints: numberValue(value, n.maxPoints) }))
          }
        />
      </Group>
      <Text size="xs" c={points.problem ? "red.8" : "dimmed"} mb={4}>
        {t.childrenSum(
          formatNumber(points.sum),
          points.declared === null ? "—" : formatNumber(points.declared),
        )}
      </Text>
      {points.problem && (
        <Text size="sm" c="red.8" mb={4}>
          {points.problem}
        </Text>
      )}
      <NodeTools node={node} indexes={indexes} tree={tree} />
      <IssueList issues={own} />
      <Stack gap="sm" mt="xs">
        {node.children.length === 0 && (
          <Text size="sm" c="dimmed">
            {t.emptyGroup}
          </Text>
        )}
        {node.children.map((child, index) => {
          const childIndexes = [...indexes, index];
          const path = nodePathOf(childIndexes);
          return (
            <NodeEditor
              key={child.code || index}
              node={child}
              indexes={childIndexes}
              issues={allIssues.filter((i) => i.nodePath === path)}
              allIssues={allIssues}
              onChange={onChange}
              tree={tree}
            />
          );
        })}
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            aria-label={t.addCriterionTo(node.code)}
            onClick={() => tree.add(indexes, false)}
          >
            {t.addCriterion}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconFolderPlus size={14} aria-hidden="true" />}
            aria-label={t.addSubgroupTo(node.code)}
            onClick={() => tree.add(indexes, true)}
          >
            {t.addSubgroup}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

/** The server's refusal as issues placed on the model (VERSION_EXISTS on the version). */
function issuesOfError(model: EditableMethodology, error: unknown): EditorIssue[] {
  if (!(error instanceof ApiError)) return [];
  if (error.code === "METHODOLOGY_VERSION_EXISTS") {
    return [
      {
        path: "version",
        nodePath: null,
        field: "version",
        where: t.version,
        message: error.message,
      },
    ];
  }
  const located = error.details.filter(
    (detail): detail is { path: string; message: string } => typeof detail.path === "string",
  );
  return locateIssues(model, located, "document");
}

function RuleEditorForm({
  methodology,
  initial,
  onClose,
}: {
  methodology: MethodologyDetail;
  initial: EditableMethodology;
  onClose: () => void;
}) {
  const [model, setModel] = useState(initial);
  const [issues, setIssues] = useState<EditorIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      importMethodologyDocument({
        unitId: methodology.unitId,
        level: methodology.level,
        sourceFilename: methodology.sourceFilename,
        document: documentFromEditable(model),
      }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: methodologyKeys.all });
      notifySuccess(t.saved(saved.version));
      onClose();
      void navigate(methodologyPaths.detail(saved.id));
    },
    onError: (error) => {
      setIssues(issuesOfError(model, error));
      setFailure(errorMessage(error));
    },
  });

  const leaves = editableLeaves(model);
  const ruled = leaves.filter((leaf) => leaf.node.rule.type !== null).length;
  const documentIssues = issues.filter((i) => i.nodePath === null);
  const nodeIssueCount = issues.length - documentIssues.length;
  // The alert repeats the document's issues unless the failure message already says it all.
  const listed = documentIssues.filter((i) => i.message !== failure);
  const fieldError = (field: string) => {
    const found = documentIssues.filter((i) => i.field === field);
    return found.length > 0 ? found.map((i) => i.message).join(" ") : undefined;
  };
  const setDocument = (field: keyof EditableMethodology, value: unknown) => {
    setModel((m) => ({ ...m, [field]: value }));
    setIssues((list) => list.filter((i) => !(i.nodePath === null && i.field === field)));
  };
  const onNodeChange = (indexes: number[], update: (node: EditableNode) => EditableNode) => {
    setModel((m) => updateNode(m, indexes, update));
    const path = nodePathOf(indexes);
    setIssues((list) => list.filter((i) => i.nodePath !== path));
  };
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<{
    indexes: number[];
    node: EditableNode;
  } | null>(null);
  // A change to the tree moves the paths the server's issues point at: they are dropped.
  const applyTree = (next: EditableMethodology) => {
    setModel(next);
    setIssues([]);
    setFailure(null);
  };
  const tree: TreeActions = {
    model,
    renaming,
    startRename: setRenaming,
    rename: (indexes, wanted) => {
      const edit = renameNode(model, indexes, wanted);
      if (edit.ok) {
        applyTree(edit.model);
        setRenaming(null);
      }
      return edit;
    },
    remove: (indexes, node) => {
      if (isGroup(node) && node.children.length > 0) setConfirmRemove({ indexes, node });
      else applyTree(removeNode(model, indexes));
    },
    move: (indexes, offset) => applyTree(moveNode(model, indexes, offset)),
    add: (indexes, group) => {
      const edit = group ? addGroup(model, indexes) : addCriterion(model, indexes);
      if (!edit.ok) return;
      applyTree(edit.model);
      setRenaming(nodeAt(edit.model, edit.indexes)?.code ?? null);
    },
  };
  const totals = scalePoints(model);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {t.title}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t.intro}
          </Text>
        </div>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconX size={16} aria-hidden="true" />}
          onClick={onClose}
        >
          {t.close}
        </Button>
      </Group>

      <Paper withBorder p="sm">
        <Title order={3} size="h4" mb="xs">
          {t.versionSection}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <TextInput
            label={t.code}
            value={model.code}
            error={fieldError("code")}
            onChange={(e) => setDocument("code", e.currentTarget.value)}
          />
          <TextInput
            label={t.version}
            value={model.version}
            error={fieldError("version")}
            onChange={(e) => setDocument("version", e.currentTarget.value)}
          />
          <TextInput
            label={t.name}
            value={model.name}
            error={fieldError("name")}
            onChange={(e) => setDocument("name", e.currentTarget.value)}
          />
          <DateField
            label={t.effectiveFrom}
            value={model.effectiveFrom || null}
            error={fieldError("effectiveFrom")}
            onChange={(value) => setDocument("effectiveFrom", value ?? "")}
          />
          <DateField
            label={t.effectiveTo}
            value={model.effectiveTo || null}
            clearable
            error={fieldError("effectiveTo")}
            onChange={(value) => setDocument("effectiveTo", value ?? "")}
          />
          <NumberInput
            label={t.scale}
            {...decimal}
            min={0}
            value={model.scale ?? ""}
            error={fieldError("scale")}
            onChange={(value) => setDocument("scale", numberValue(value, model.scale))}
          />
        </SimpleGrid>
        <Text size="sm" fw={500} mt="sm" mb={4}>
          {t.bandsLabel}
        </Text>
        <Group gap="md">
          {model.bands.map((band, index) => {
            const bandIssues = documentIssues.filter((i) => i.field.startsWith(`bands.${index}.`));
            return (
              <Group key={band.code || index} gap={4} wrap="nowrap">
                <TextInput
                  w={130}
                  size="xs"
                  aria-label={t.bandLabel(index + 1)}
                  value={band.label}
                  onChange={(e) => {
                    const label = e.currentTarget.value;
                    setDocument(
                      "bands",
                      patchAt(model.bands, index, () => ({ label })),
                    );
                  }}
                />
                <Text size="xs" c="dimmed">
                  {t.bandFrom}
                </Text>
                <NumberInput
                  w={80}
                  size="xs"
                  aria-label={t.bandMin(index + 1)}
                  {...decimal}
                  min={0}
                  value={band.min ?? ""}
                  error={bandIssues.length > 0}
                  onChange={(value) =>
                    setDocument(
                      "bands",
                      patchAt(model.bands, index, (b) => ({ min: numberValue(value, b.min) })),
                    )
                  }
                />
              </Group>
            );
          })}
        </Group>
      </Paper>

      <Group justify="space-between">
        <Title order={3} size="h4">
          {t.treeSection}
        </Title>
        <Text size="sm" role="status">
          {t.progress(ruled, leaves.length)}
        </Text>
      </Group>
      <div>
        <Text size="sm" c={totals.problem ? "red.8" : "dimmed"}>
          {t.groupsSum(
            formatNumber(totals.sum),
            totals.declared === null ? "—" : formatNumber(totals.declared),
          )}
        </Text>
        {totals.problem && (
          <Text size="sm" c="red.8">
            {totals.problem}
          </Text>
        )}
      </div>
      <Stack gap="lg">
        {model.nodes.map((node, index) => {
          const path = nodePathOf([index]);
          return (
            <Paper key={node.code || index} withBorder p="sm">
              <NodeEditor
                node={node}
                indexes={[index]}
                issues={issues.filter((i) => i.nodePath === path)}
                allIssues={issues}
                onChange={onNodeChange}
                tree={tree}
              />
            </Paper>
          );
        })}
        <div>
          <Button
            variant="light"
            leftSection={<IconFolderPlus size={16} aria-hidden="true" />}
            onClick={() => tree.add([], true)}
          >
            {t.addGroup}
          </Button>
        </div>
      </Stack>
      {confirmRemove && (
        <ConfirmModal
          title={t.confirmRemoveTitle}
          text={t.confirmRemoveText(
            confirmRemove.node.code,
            confirmRemove.node.name,
            descendantCount(confirmRemove.node),
          )}
          confirmLabel={t.confirmRemove}
          color="red"
          action={() => Promise.resolve()}
          onDone={() => {
            applyTree(removeNode(model, confirmRemove.indexes));
            setConfirmRemove(null);
          }}
          onClose={() => setConfirmRemove(null)}
        />
      )}

      {failure && (
        <Alert
          color="red"
          variant="light"
          title={t.errorsTitle}
          icon={<IconAlertTriangle size={18} aria-hidden="true" />}
        >
          <Text size="sm">{failure}</Text>
          {listed.length > 0 && (
            <List size="sm" mt="xs">
              {listed.map((issue, index) => (
                <List.Item key={index}>
                  {issue.where}: {issue.message}
                </List.Item>
              ))}
            </List>
          )}
          {nodeIssueCount > 0 && (
            <Text size="sm" mt="xs">
              {t.errorsAtLeaves(nodeIssueCount)}
            </Text>
          )}
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
          loading={save.isPending}
          onClick={() => {
            setFailure(null);
            save.mutate();
          }}
        >
          {t.save}
        </Button>
        <Text size="sm" c="dimmed">
          {t.scale}: {model.scale === null ? "" : formatNumber(model.scale)}
        </Text>
      </Group>
    </Stack>
  );
}

/**
 * “Chỉnh sửa quy tắc”: the methodology's tree with, per leaf, its rule, parameters, metric and
 * zero-denominator policy; saved through the import route as a new version. A criteria draft
 * starts with no rule on any leaf; a scoring document starts from itself with the next version.
 * The server checks the document (the same core as here) and its errors land on their leaves.
 */
export function RuleEditor({
  methodology,
  onClose,
}: {
  methodology: MethodologyDetail;
  onClose: () => void;
}) {
  const document = useQuery({
    queryKey: [...methodologyKeys.detail(methodology.id), "document"],
    queryFn: () => getMethodologyDocument(methodology.id),
    enabled: methodology.hasDocument,
  });
  const initial = useMemo(() => {
    if (methodology.hasDocument) {
      if (!document.data) return null;
      const model = editableFromDocument(document.data);
      return { ...model, version: nextVersion(model.version) };
    }
    return editableFromCriteria(methodology.criteria, {
      name: methodology.name,
      year: methodology.year,
      kind: methodology.kind,
    });
  }, [methodology, document.data]);
  if (methodology.hasDocument && document.isError) {
    return <QueryError error={document.error} onRetry={() => document.refetch()} />;
  }
  if (!initial) return <LoadingBlock />;
  return <RuleEditorForm methodology={methodology} initial={initial} onClose={onClose} />;
}
