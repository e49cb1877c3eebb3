import { useState } from 'react';

/**
 * Cursor paging of a connection for one filter (its `key`): the cursor of the page shown and how many pages
 * came before it. A new filter starts again at the first page, without an effect: the state of another key
 * is simply not this one's.
 */
export function useCursor(key: string): { after: string | null; page: number; next: (cursor: string | null | undefined) => void; first: () => void } {
  const [state, setState] = useState<{ key: string; after: string | null; page: number }>({ key, after: null, page: 0 });
  const current = state.key === key ? state : { key, after: null, page: 0 };
  return {
    after: current.after,
    page: current.page,
    next: (cursor) => {
      if (cursor) setState({ key, after: cursor, page: current.page + 1 });
    },
    first: () => setState({ key, after: null, page: 0 }),
  };
}
