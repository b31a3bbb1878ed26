import '@/styles/app.css';
import styles from '@/styles/app.css';
import missing from 'styles/missing.css';

export const all = [styles, missing];
