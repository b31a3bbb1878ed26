import { clickhouse as analytics } from '@/db/clickhouse';

export { analytics };
