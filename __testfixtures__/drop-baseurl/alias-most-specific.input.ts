import { Button } from 'components/Button';
import { Card } from 'components/ui/Card';
import { format } from 'utils/date';
import * as utils from 'utils';

export const view = [Button, Card, format, utils];
