import { describe, expect, it } from 'vitest';
import { parseFilters, toQuery } from '@/features/projects/hooks/use-project-filters';

describe('project filters in the URL', () => {
  it('reads known values and ignores junk', () => {
    const f = parseFilters(new URLSearchParams('q=ware&status=draft,bogus,completed&source=oracle&sort=evil&limit=7&offset=-3'));
    expect(f).toEqual({
      search: 'ware',
      statuses: ['draft', 'completed'],
      source: 'oracle',
      target: '',
      sort: '-updated_at',
      limit: 20,
      offset: 0,
    });
  });

  it('maps to the API query', () => {
    const f = parseFilters(new URLSearchParams('q=%20ware%20&status=draft,completed&target=postgres&sort=name&limit=50&offset=50'));
    expect(toQuery(f)).toEqual({
      search: 'ware',
      status: 'draft,completed',
      source_dialect: undefined,
      target_dialect: 'postgres',
      sort: 'name',
      limit: 50,
      offset: 50,
    });
  });
});
