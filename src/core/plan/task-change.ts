/** A value before or after a change of a task: its status, progress or completion date. */
export type TaskChangeValue = string | number | boolean | null;

/** What one update changed in a task, by field (`status`, `progress`, `completedAt`). */
export type TaskChanges = Record<string, { from: TaskChangeValue; to: TaskChangeValue }>;
