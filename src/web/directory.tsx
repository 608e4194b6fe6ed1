// The facilities and sections the user may see, read once after sign-in, to name places in lists,
// filters and forms. Figures (occupancy, guard strength) are read fresh by the screens that show them.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { api } from './api/client.ts';
import type { Facility, FacilityDetail, Page, Section } from './api/types.ts';

interface Directory {
  /** Empty until read. */
  facilities: Facility[];
  facility(id: string | null | undefined): Facility | undefined;
  section(id: string | null | undefined): Section | undefined;
  sectionsOf(facilityId: string | null | undefined): Section[];
}

const DirectoryContext = createContext<Directory | null>(null);

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const [details, setDetails] = useState<FacilityDetail[]>([]);
  useEffect(() => {
    let current = true;
    void (async () => {
      // A scoped user sees a handful of facilities; headquarters a few dozen: one page holds them.
      const { items } = await api.get<Page<Facility>>('/facilities?limit=500');
      const read = await Promise.all(items.map((f) => api.get<FacilityDetail>(`/facilities/${f.id}`)));
      if (current) setDetails(read);
    })();
    return () => {
      current = false;
    };
  }, []);

  const value = useMemo<Directory>(() => {
    const facilities = new Map(details.map((f) => [f.id, f]));
    const sections = new Map(details.flatMap((f) => f.sections.map((s) => [s.id, s])));
    return {
      facilities: details,
      facility: (id) => (id ? facilities.get(id) : undefined),
      section: (id) => (id ? sections.get(id) : undefined),
      sectionsOf: (id) => (id ? (facilities.get(id)?.sections ?? []) : []),
    };
  }, [details]);
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (directory === null) throw new Error('useDirectory outside DirectoryProvider');
  return directory;
}
