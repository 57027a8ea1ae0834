/** A children's home: the council it is in, the police force of its area and the number to call there. */
export interface Home {
  id: string;
  name: string;
  council: string;
  policeForce: string;
  phone: string | null;
}
