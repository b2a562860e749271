import type { TableColumnsType } from 'antd';

/**
 * The elderly mode's simpler layout: columns marked `className: 'hide-in-elderly'` are left
 * out of the table (rather than hidden by CSS, which would leave their width behind).
 */
export function simplify<T>(columns: TableColumnsType<T>, elderly: boolean): TableColumnsType<T> {
  return elderly ? columns.filter((c) => !String(c.className ?? '').includes('hide-in-elderly')) : columns;
}
