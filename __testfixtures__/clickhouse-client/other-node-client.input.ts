import ClickHouse from '@apla/clickhouse';

export const apla = new ClickHouse({ host: 'localhost', port: 8123 });
