import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function LinksPage() {
  return <Placeholder name="LinksPage" />;
}
