import { buildQuery, request, requestData } from "./client.ts";
import type { ApiSuccess, User, UserCreateInput, UserUpdateInput } from "./types.ts";

export function listUsers(
  query: { unitId?: string; q?: string } = {},
): Promise<ApiSuccess<User[], { create: boolean }>> {
  return request<User[], { create: boolean }>(`/api/users${buildQuery(query)}`);
}

export function createUser(input: UserCreateInput): Promise<User> {
  return requestData<User>("/api/users", { method: "POST", body: input });
}

export function updateUser(id: string, input: UserUpdateInput): Promise<User> {
  return requestData<User>(`/api/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
  });
}
