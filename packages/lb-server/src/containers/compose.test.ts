import { describe, expect, it } from 'vitest';
import { composeIdentity } from './compose';

describe('composeIdentity', () => {
  it.each<{ labels: Record<string, string>; expected: unknown }>([
    {
      labels: {
        'com.docker.compose.project': 'lab',
        'com.docker.compose.service': 'web',
        'com.docker.compose.container-number': '2',
      },
      expected: { project: 'lab', service: 'web', number: '2' },
    },
    {
      labels: { 'com.docker.compose.project': 'lab', 'com.docker.compose.service': 'web' },
      expected: { project: 'lab', service: 'web' },
    },
    { labels: { 'com.docker.compose.project': 'lab', 'com.docker.compose.service': '' }, expected: undefined },
    { labels: { 'com.docker.compose.project': 'lab' }, expected: undefined },
  ])('of $labels', ({ labels, expected }) => {
    expect(composeIdentity({ labels })).toStrictEqual(expected);
  });
});
