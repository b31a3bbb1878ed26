import { Card } from '@/components/ui/Card';
import { render } from '@test/render';

jest.mock('@/utils/date');

test('renders', () => render(Card));
