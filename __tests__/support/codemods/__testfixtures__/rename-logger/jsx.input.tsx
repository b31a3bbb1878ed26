import log from 'old-logger';
// TODO: a design-system list
export const List = ({ items }: { items: string[] }) => {
  if (items.length === 0) log.warn('empty');
  return <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>;
};
