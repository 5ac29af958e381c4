import { useEffect } from 'react';

/** The browser tab says which page this is. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Passerelle` : 'Passerelle';
  }, [title]);
}
