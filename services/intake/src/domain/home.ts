/** A children's home: the council it is in, the police force of its area and the number to call there. */
export interface Home {
  id: string;
  name: string;
  council: string;
  policeForce: string;
  phone: string | null;
  /** The names of its council and force, for people (null if the register has none). */
  councilName: string | null;
  policeForceName: string | null;
}
