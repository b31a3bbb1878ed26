import log from "@shared/log";
// TODO: a design-system list
export const List = ({ items }: { items: string[] }) => {
  if (items.length === 0) log.warning('empty');
  return <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>;
};
