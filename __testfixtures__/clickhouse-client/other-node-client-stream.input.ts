const ClickHouse = require('@apla/clickhouse');

const apla = new ClickHouse({ host: 'localhost', port: 8123, queryOptions: { database: 'analytics' } });

export function rows(onRow: (row: unknown) => void): void {
  apla.query('SELECT * FROM events').on('data', onRow);
}
