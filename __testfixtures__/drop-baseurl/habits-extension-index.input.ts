import { format } from 'utils/date.ts';
import { format as f2 } from 'utils/date.js';
import { Button } from 'components/Button/index';
import { Button as B2 } from 'components/Button/index.tsx';
import { Button as B3 } from 'components/Button';
import * as utils from 'utils';
import * as utilsIndex from 'utils/index';

export const all = [format, f2, Button, B2, B3, utils, utilsIndex];
