// Reading one API resource into a component: its data, its error, and a way to read it again.
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api } from './client.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload(): void;
}

/** GET `path` (nothing while it is null); a new path drops the old answer. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>({ path });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is how reload asks for a new read
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api.get<T>(path).then(
      (data) => current && setState({ path, data }),
      (error: ApiError) => current && setState({ path, error }),
    );
    return () => {
      current = false;
    };
  }, [path, generation]);

  // An answer for another path is not shown while the new one is on its way.
  const fresh = state.path === path;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, reload };
}
