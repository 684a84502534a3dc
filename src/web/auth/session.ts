import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { changePassword, fetchMe, signIn, signOut } from "../api/auth.api.ts";
import { queryKeys } from "../api/query-keys.ts";
import type { Me, PasswordChangeRequest, SignInRequest } from "../api/types.ts";

/** The session: `data` is the signed-in user, or null when signed out. */
export function useSession() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; only call below `RequireAuth`. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error("useMe() called outside a signed-in route");
  return data;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInRequest) => signIn(input),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, me);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChangeRequest) => changePassword(input),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
