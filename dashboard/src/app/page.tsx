import { redirect } from 'next/navigation';

// Until the overview exists, the system status is the front page.
export default function Home() {
  redirect('/status');
}
