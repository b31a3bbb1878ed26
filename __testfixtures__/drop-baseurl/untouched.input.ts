import { Button } from '@/components/Button';
import { Card } from '@ui/Card';
import { format } from '../utils/date';
import React from 'react';
import { missing } from 'nowhere/at-all';
/// <reference path="../utils/date.ts" />

export const all = [Button, Card, format, React, missing];
